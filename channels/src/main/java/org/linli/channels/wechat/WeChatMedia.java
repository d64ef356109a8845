package org.linli.channels.wechat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a photo a resident sent, by its {@code MediaId}, through WxJava's temporary-media API
 * ({@code WxMpMaterialService.mediaDownload}, {@code GET /cgi-bin/media/get}). WeChat keeps the
 * media for three days only, so the application fetches it soon after the message and keeps the
 * bytes itself. Only images (JPEG, PNG, GIF, WebP, recognised by their first bytes, not by what
 * the server claims) up to a size limit are accepted.
 */
public final class WeChatMedia {

  private static final Logger log = LoggerFactory.getLogger(WeChatMedia.class);
  /** WeChat's "invalid media_id": expired (after 3 days) or never existed. */
  static final int INVALID_MEDIA_ID = 40007;

  private final WxMpService service;

  public WeChatMedia(WxMpService service) {
    this.service = service;
  }

  /** The outcome of one download. */
  public sealed interface Download {
    /** An image: its bytes and the content type read from them. */
    record Image(byte[] bytes, String contentType) implements Download {}

    /** Will never succeed: expired, too large, not an image. */
    record Refused(String reason) implements Download {}

    /** May succeed later: WeChat unreachable or busy. */
    record Failed(String reason) implements Download {}
  }

  public Download download(String mediaId, int maxBytes) {
    File file;
    try {
      file = service.getMaterialService().mediaDownload(mediaId);
    } catch (WxErrorException e) {
      int code = e.getError() == null ? -1 : e.getError().getErrorCode();
      log.info("event=wechat_media_download result=refused errcode={}", code);
      return code == INVALID_MEDIA_ID
          ? new Download.Refused("expired")
          : new Download.Failed("errcode " + code);
    } catch (RuntimeException e) {
      // WxJava wraps I/O failures (connection refused, timeouts) in runtime exceptions
      log.info("event=wechat_media_download result=failed error={}", e.getClass().getSimpleName());
      return new Download.Failed(e.getClass().getSimpleName());
    }
    if (file == null) {
      return new Download.Failed("no file");
    }
    try {
      if (file.length() > maxBytes) {
        return new Download.Refused("too_large");
      }
      byte[] head = new byte[12];
      int n;
      try (InputStream in = Files.newInputStream(file.toPath())) {
        n = in.readNBytes(head, 0, head.length);
      }
      String type = imageType(head, n);
      if (type == null) {
        return new Download.Refused("not_an_image");
      }
      return new Download.Image(Files.readAllBytes(file.toPath()), type);
    } catch (IOException e) {
      return new Download.Failed("unreadable temporary file");
    } finally {
      // WxJava writes the download to a temporary file; nothing of it stays on disk
      if (!file.delete()) {
        file.deleteOnExit();
      }
    }
  }

  /** The image type from its magic number, or null when it is not an image we accept. */
  static String imageType(byte[] head, int n) {
    if (n >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (n >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
        && head[4] == 0x0d && head[5] == 0x0a && head[6] == 0x1a && head[7] == 0x0a) {
      return "image/png";
    }
    if (n >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8'
        && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
      return "image/gif";
    }
    if (n >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
        && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
      return "image/webp";
    }
    return null;
  }
}
