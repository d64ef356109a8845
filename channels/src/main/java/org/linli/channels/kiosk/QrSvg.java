package org.linli.channels.kiosk;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A QR code as a small SVG document: one path of dark modules, no styles, no scripts. */
final class QrSvg {

  private QrSvg() {}

  static String of(String content, String title) {
    BitMatrix m;
    try {
      m =
          new QRCodeWriter()
              .encode(
                  content,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                      EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN, 4));
    } catch (WriterException e) {
      throw new IllegalStateException("QR code cannot hold the case text", e);
    }
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    int w = m.getWidth();
    int h = m.getHeight();
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h
        + "\" width=\"" + (w * 8) + "\" height=\"" + (h * 8) + "\" role=\"img\" shape-rendering=\"crispEdges\">"
        + "<title>" + xml(title) + "</title>"
        + "<rect width=\"" + w + "\" height=\"" + h + "\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
