package org.linli.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.linli.audit.AuditLog;
import org.linli.ratelimit.BucketRateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed staff logins (console form and API Basic alike) are written to the audit log and counted
 * per user name and per source address ({@code login-user}, {@code login-address} rate-limit
 * policies: 10 and 50 failures per 15 minutes by default). While either count is used up, further
 * attempts are refused before the password is even checked, so guessing is slow whichever names
 * or addresses are used; a successful login costs nothing.
 */
@Component
class LoginAttempts {

  private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);
  private static final String USER_NAME = "[A-Za-z0-9._-]{1,64}";

  private final BucketRateLimiter limiter;
  private final AuditLog audit;

  LoginAttempts(BucketRateLimiter limiter, AuditLog audit) {
    this.limiter = limiter;
    this.audit = audit;
  }

  @EventListener
  void failed(AbstractAuthenticationFailureEvent event) {
    String user = event.getAuthentication().getName();
    String address =
        event.getAuthentication().getDetails() instanceof WebAuthenticationDetails d
            ? d.getRemoteAddress()
            : "unknown";
    // something that is no user name may be a password typed into the wrong field: never store it
    String shown = user != null && user.matches(USER_NAME) ? user : "(invalid)";
    audit.record("anonymous", "auth.login_failed", "staff_user:" + shown,
        "address=" + address + " reason=" + event.getException().getClass().getSimpleName());
    limiter.tryConsume(userKey(user));
    limiter.tryConsume("login-address:" + address);
    log.info("event=login_failed user={} address={}", shown, address);
  }

  boolean blocked(String user, String address) {
    return limiter.exhausted("login-address:" + address) || (user != null && limiter.exhausted(userKey(user)));
  }

  private static String userKey(String user) {
    return "login-user:" + (user == null ? "" : user.toLowerCase(Locale.ROOT));
  }

  /** Refuses logins while the name or the address has used up its failures. */
  OncePerRequestFilter filter() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String user = attemptedUser(request);
        if (user != null && blocked(user, request.getRemoteAddr())) {
          audit.record("anonymous", "auth.login_throttled",
              "staff_user:" + (user.matches(USER_NAME) ? user : "(invalid)"), "address=" + request.getRemoteAddr());
          if (request.getHeader("Authorization") != null) {
            response.setStatus(429);
            response.setHeader("Retry-After", "900");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(
                "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                    + "\"detail\":\"登录失败次数太多，请 15 分钟后再试。 Too many failed logins; try again in 15 minutes.\","
                    + "\"code\":\"error.auth.throttled\"}");
          } else {
            response.sendRedirect(request.getContextPath() + "/login?throttled");
          }
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }

  /** The user name of a login attempt (form post to /login, or HTTP Basic), else null. */
  private static String attemptedUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException notBase64) {
        return "";
      }
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if ("POST".equals(request.getMethod()) && "/login".equals(path)) {
      String user = request.getParameter("username");
      return user == null ? "" : user;
    }
    return null;
  }
}
