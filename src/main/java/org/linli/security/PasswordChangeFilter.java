package org.linli.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An account with a one-time password may do nothing but change it: console pages redirect to
 * the change form, the JSON API answers 403.
 */
class PasswordChangeFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean expired =
        auth != null
            && auth.getAuthorities().stream()
                .anyMatch(a -> StaffAccounts.PASSWORD_EXPIRED.equals(a.getAuthority()));
    if (expired && (path.startsWith("/staff") || path.startsWith("/api/staff"))
        && !path.equals("/staff/password")) {
      if (path.startsWith("/api/")) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
            .write(
                "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"detail\":\"请先在 /staff/password 修改一次性密码。 Change your one-time password at /staff/password first.\","
                    + "\"code\":\"error.auth.passwordChangeRequired\"}");
        return;
      }
      response.sendRedirect(request.getContextPath() + "/staff/password");
      return;
    }
    chain.doFilter(request, response);
  }
}
