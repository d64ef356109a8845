package org.linli;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Linli (邻里). The jar runs in one of three ways:
 *
 * <ul>
 *   <li>no arguments, or only {@code --spring.x=y} style options: the server;
 *   <li>{@code shell}: an interactive shell, no web server;
 *   <li>anything else, e.g. {@code kb search "高龄津贴"}: that one command, then exit, without
 *       starting the web server or touching the database unless the command needs it.
 * </ul>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LinliApplication {


  static final String SHELL_AUTOCONFIGURATION =
      "org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration";

  public static void main(String[] args) {
    preferJdkXmlFactories();
    LaunchMode mode = LaunchMode.of(args);
    SpringApplication app = new SpringApplication(LinliApplication.class);
    app.setDefaultProperties(mode.properties());
    String[] springArgs = mode == LaunchMode.SHELL ? Arrays.copyOfRange(args, 1, args.length) : args;
    if (mode != LaunchMode.SERVER) {
      app.setWebApplicationType(WebApplicationType.NONE);
      app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
    }
    ConfigurableApplicationContext context = app.run(springArgs);
    if (mode == LaunchMode.COMMAND) {
      System.exit(SpringApplication.exit(context));
    }
  }

  /**
   * Names the JDK's own DOM, SAX and transformer factories, which are the ones found anyway (no
   * jar in the application provides others). Without the names, every {@code newInstance()}
   * searches all jars of the packaged application for a provider: the Twilio SDK renders each
   * TwiML answer that way and WxJava parses each WeChat message that way, and the search took a
   * fifth of an SMS webhook's CPU time under load (docs/performance.md). An explicit {@code -D}
   * setting still wins.
   */
  static void preferJdkXmlFactories() {
    System.getProperties().putIfAbsent(
        "javax.xml.parsers.SAXParserFactory",
        "com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl");
    System.getProperties().putIfAbsent(
        "javax.xml.parsers.DocumentBuilderFactory",
        "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl");
    System.getProperties().putIfAbsent(
        "javax.xml.transform.TransformerFactory",
        "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");
  }

  @Bean
  Clock clock() {
    return Clock.systemDefaultZone();
  }

  /** How the jar was asked to run. */
  enum LaunchMode {
    SERVER,
    SHELL,
    COMMAND;

    static LaunchMode of(String[] args) {
      if (args.length == 0 || args[0].startsWith("-")) {
        return SERVER;
      }
      return "shell".equals(args[0]) ? SHELL : COMMAND;
    }

    Map<String, Object> properties() {
      Map<String, Object> p = new HashMap<>();
      switch (this) {
        case SERVER -> p.put("spring.autoconfigure.exclude", SHELL_AUTOCONFIGURATION);
        case SHELL -> {
          p.put("spring.shell.interactive.enabled", "true");
          p.put("spring.main.lazy-initialization", "true");
          p.put("spring.flyway.enabled", "false");
          p.put("linli.scheduling.enabled", "false");
          p.put("logging.level.root", "WARN");
        }
        case COMMAND -> {
          // One command must finish quickly and print only its own output: nothing is created
          // before a command asks for it, and the schema is left alone.
          p.put("spring.shell.interactive.enabled", "false");
          p.put("spring.main.lazy-initialization", "true");
          p.put("spring.flyway.enabled", "false");
          p.put("linli.scheduling.enabled", "false");
          p.put("logging.level.root", "WARN");
        }
      }
      return p;
    }
  }
}
