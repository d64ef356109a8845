package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.linli.channels.wechat.WeChatClients;
import org.linli.channels.wechat.WeChatMedia;
import org.linli.channels.wechat.WeChatProperties;

/**
 * Downloading a resident's photo through WxJava's media API against the local WeChat stub: only
 * images within the size limit are accepted, whatever the server says the file is.
 */
class WeChatMediaTest {

  static final WeChatApiStub STUB = new WeChatApiStub();
  final WeChatMedia media =
      new WeChatMedia(
          WeChatClients.service(
              WeChatClients.config(
                  new WeChatProperties(
                      "wx-media", "secret", "token", null, Duration.ofMillis(4500), 65536,
                      STUB.baseUrl(), "12345", Duration.ofHours(48), 20, null, "content",
                      "memory", Duration.ofMinutes(5), 5_242_880),
                  WeChatClients.inMemoryTokens(),
                  Clock.systemUTC())));

  @AfterAll
  static void stop() {
    STUB.close();
  }

  @Test
  void aPhotoWithinTheLimitIsReadWithTheTypeOfItsContent() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    STUB.media("png-1", png);

    WeChatMedia.Download download = media.download("png-1", 1024);

    assertThat(download).isInstanceOfSatisfying(WeChatMedia.Download.Image.class, image -> {
      assertThat(image.contentType()).isEqualTo("image/png");
      assertThat(image.bytes()).isEqualTo(png);
    });
  }

  @Test
  void aPhotoOverTheLimitIsRefused() {
    STUB.media("big-1", WeChatEvidenceTest.jpeg(4096, 9));

    assertThat(media.download("big-1", 4095))
        .isEqualTo(new WeChatMedia.Download.Refused("too_large"));
  }

  @Test
  void anExpiredMediaIdIsRefusedAndABusyWeChatIsARetryableFailure() {
    assertThat(media.download("never-there", 4096))
        .isEqualTo(new WeChatMedia.Download.Refused("expired"));
    STUB.failOnceWith("/cgi-bin/media/get", "{\"errcode\":-1,\"errmsg\":\"system error\"}");
    STUB.media("later-1", WeChatEvidenceTest.jpeg(64, 1));
    assertThat(media.download("later-1", 4096)).isInstanceOf(WeChatMedia.Download.Failed.class);
  }
}
