package org.linli.dataprotection;

import java.security.Principal;
import java.util.Map;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators (role ADMIN) export or erase one resident's data on the resident's request. The
 * resident is named by phone number or WeChat openid in the body, never in the URL, so the
 * identifier does not end up in access logs.
 */
@RestController
@RequestMapping("/api/admin/residents")
class ResidentDataController {

  private final ResidentDirectory directory;
  private final ResidentData data;

  ResidentDataController(ResidentDirectory directory, ResidentData data) {
    this.directory = directory;
    this.data = data;
  }

  /** Who: exactly one of {@code phone} and {@code openid}. */
  record Who(String phone, String openid) {}

  @PostMapping("/export")
  Map<String, Object> export(@RequestBody(required = false) Who who, Principal principal) {
    return data.export(principal.getName(), resident(who));
  }

  @PostMapping("/erase")
  Map<String, Object> erase(@RequestBody(required = false) Who who, Principal principal) {
    String id = resident(who);
    return Map.of("residentId", id, "erased", data.erase(principal.getName(), id));
  }

  private String resident(Who who) {
    boolean phone = who != null && who.phone() != null && !who.phone().isBlank();
    boolean openid = who != null && who.openid() != null && !who.openid().isBlank();
    if (phone == openid) {
      throw new BadWho("error.resident.who", "请给出手机号或微信 openid 之一。 Give either phone or openid.");
    }
    return (phone
            ? directory.find(IdentityKind.PHONE, who.phone())
            : directory.find(IdentityKind.WECHAT_OPENID, who.openid()))
        .orElseThrow(() -> new NotFound());
  }

  private static final class BadWho extends RuntimeException {
    final String code;

    BadWho(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private static final class NotFound extends RuntimeException {
    NotFound() {
      super("no such resident", null, false, false);
    }
  }

  @ExceptionHandler(BadWho.class)
  ProblemDetail badWho(BadWho e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setProperty("code", e.code);
    return p;
  }

  @ExceptionHandler(NotFound.class)
  ProblemDetail notFound() {
    boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        english ? "No resident is known by this phone number or openid." : "没有用这个手机号或 openid 登记的居民。");
    p.setProperty("code", "error.resident.notFound");
    return p;
  }
}
