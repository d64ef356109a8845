package org.linli.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may go where. Residents' channels (web chat, kiosk, channel webhooks, Open311 reads) and
 * health/metrics are open; the staff console needs a form login, the staff JSON API HTTP Basic;
 * roles STAFF, SUPERVISOR and ADMIN; CSRF tokens on every console form. Pages send a strict
 * Content-Security-Policy (no inline script anywhere).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

  /** JSON only: nothing may be loaded, framed or run from an API answer. */
  static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

  /**
   * Residents' conversation endpoints and the probes: open to all, and nothing in them reads a
   * login, a session or a saved request. Web chat identifies a conversation by its id, webhooks by
   * their channel's signature (checked by the channels' own filters); no cookie is read, so there
   * is nothing for CSRF to protect. The short chain matters: every conversation turn passes it.
   */
  @Bean
  @Order(0)
  SecurityFilterChain residentChannels(HttpSecurity http) throws Exception {
    http.securityMatcher(
            "/api/chat/**", "/channels/**", "/actuator/health/liveness", "/actuator/health/readiness")
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.requireExplicitSave(true))
        .requestCache(c -> c.disable())
        .anonymous(a -> a.disable())
        .csrf(c -> c.disable())
        .logout(l -> l.disable())
        .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(API_CSP)).frameOptions(f -> f.deny()));
    return http.build();
  }

  /** The staff and administrator JSON APIs: HTTP Basic, no session, no CSRF (no cookies to ride on). */
  @Bean
  @Order(1)
  SecurityFilterChain staffApi(HttpSecurity http, LoginAttempts logins) throws Exception {
    http.securityMatcher("/api/staff/**", "/api/admin/**")
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/api/staff/admin/**", "/api/admin/**").hasRole("ADMIN")
                    .anyRequest().hasAnyRole("STAFF", "SUPERVISOR", "ADMIN"))
        .httpBasic(b -> b.authenticationEntryPoint(problem401()))
        .exceptionHandling(e -> e.authenticationEntryPoint(problem401()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(API_CSP)).frameOptions(f -> f.deny()))
        .addFilterBefore(logins.filter(), BasicAuthenticationFilter.class)
        .addFilterAfter(new PasswordChangeFilter(), AuthorizationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain everythingElse(HttpSecurity http, LoginAttempts logins) throws Exception {
    http.authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/api/speech", "/kiosk", "/kiosk/**", "/open311/**",
                        "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                        "/login", "/error", "/css/**", "/js/**", "/webjars/**", "/favicon.ico",
                        "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                    .permitAll()
                    .requestMatchers("/staff/admin/**", "/actuator/**").hasRole("ADMIN")
                    .requestMatchers("/staff/dashboard/**").hasAnyRole("SUPERVISOR", "ADMIN")
                    .requestMatchers("/staff/password").authenticated()
                    .requestMatchers("/staff/**").hasAnyRole("STAFF", "SUPERVISOR", "ADMIN")
                    .anyRequest().authenticated())
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/staff", false).permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .csrf(c -> c.ignoringRequestMatchers("/open311/**"))
        .headers(
            h ->
                h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                    .frameOptions(f -> f.deny()))
        .addFilterBefore(logins.filter(), UsernamePasswordAuthenticationFilter.class)
        .addFilterAfter(new PasswordChangeFilter(), AuthorizationFilter.class);
    return http.build();
  }

  private static AuthenticationEntryPoint problem401() {
    return (request, response, e) -> {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Basic realm=\"linli-staff\"");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      response.getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                  + "\"detail\":\"请用工作人员账号登录（HTTP Basic）。 Log in with a staff account (HTTP Basic).\","
                  + "\"code\":\"error.auth.required\"}");
    };
  }
}
