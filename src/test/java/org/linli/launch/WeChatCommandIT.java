package org.linli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code wechat} commands of the packaged jar, in one-command mode. */
class WeChatCommandIT {

  @TempDir Path workDir;

  @Test
  void menuShowPrintsTheThreePlainEntries() throws Exception {
    PackagedJar.Run run = PackagedJar.command(workDir, List.of("wechat", "menu", "show"));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("问政策", "报事情", "查进度", "找人工");
  }

  @Test
  void menuPushWithoutCredentialsSaysWhatIsMissing() throws Exception {
    PackagedJar.Run run = PackagedJar.command(workDir, List.of("wechat", "menu", "push"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("WECHAT_APP_ID");
  }

  @Test
  void menuPushSendsTheMenuToWeChat() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          received.add(
              path + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          String answer =
              path.endsWith("/token")
                  ? "{\"access_token\":\"T1\",\"expires_in\":7200}"
                  : "{\"errcode\":0,\"errmsg\":\"ok\"}";
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    stub.start();
    try {
      PackagedJar.Run run =
          PackagedJar.command(
              workDir,
              List.of("wechat", "menu", "push"),
              Map.of(
                  "WECHAT_APP_ID", "wx0123456789abcdef",
                  "WECHAT_SECRET", "s3cret",
                  "LINLI_WECHAT_APIHOST", "http://127.0.0.1:" + stub.getAddress().getPort(),
                  "LINLI_DATA_DIR", workDir.resolve("data").toString()));

      assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
      assertThat(run.stdout()).contains("Menu pushed");
      assertThat(received).anySatisfy(r -> assertThat(r).startsWith("/cgi-bin/menu/create").contains("查进度").contains("LINLI_PERSON"));
    } finally {
      stub.stop(0);
    }
  }
}
