package org.linli.channels.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The slip's QR code: a plain SVG, square, with a light quiet zone and an escaped title. */
class QrSvgTest {

  @Test
  void drawsASquareSvgWithAQuietZoneAndNoScript() {
    String svg = QrSvg.of("SMSTO:10690000:查工单 240101", "工单 240101 <的> 二维码");

    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    assertThat(svg).contains("<title>工单 240101 &lt;的&gt; 二维码</title>");
    assertThat(svg).contains("fill=\"#fff\"").contains("<path fill=\"#000\" d=\"M4 4h1v1h-1z");
    assertThat(svg).doesNotContain("<script").doesNotContain("style=");
    String size = svg.replaceAll("(?s).*viewBox=\"0 0 (\\d+) (\\d+)\".*", "$1 $2");
    assertThat(size.split(" ")[0]).isEqualTo(size.split(" ")[1]);
  }
}
