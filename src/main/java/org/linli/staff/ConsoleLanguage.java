package org.linli.staff;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's language: Chinese or English, chosen with the switch on every console page
 * ({@code ?lang=zh-CN} / {@code ?lang=en}) and remembered in the cookie {@value #COOKIE} for a
 * year. Without the cookie the browser's Accept-Language decides, and without that Chinese, as
 * before the switch existed.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleLanguage implements WebMvcConfigurer {

  static final String COOKIE = "linli-lang";
  static final String PARAM = "lang";

  @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookiePath("/");
    resolver.setCookieHttpOnly(true);
    resolver.setCookieSameSite("Lax");
    resolver.setDefaultLocaleFunction(
        request -> request.getHeader("Accept-Language") == null
            ? Locale.SIMPLIFIED_CHINESE
            : supported(request.getLocale()));
    return resolver;
  }

  /** Only the two languages the console is written in; anything else reads Chinese. */
  private static Locale supported(Locale requested) {
    return "en".equals(requested.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
      @Override
      protected Locale parseLocaleValue(String localeValue) {
        // an unknown value is ignored (setIgnoreInvalidLocale) rather than stored
        Locale parsed = super.parseLocaleValue(localeValue);
        String language = parsed == null ? "" : parsed.getLanguage();
        return switch (language) {
          case "en" -> Locale.ENGLISH;
          case "zh" -> Locale.SIMPLIFIED_CHINESE;
          default -> throw new IllegalArgumentException("unsupported console language " + localeValue);
        };
      }
    };
    change.setParamName(PARAM);
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).addPathPatterns("/staff", "/staff/**", "/login");
  }
}
