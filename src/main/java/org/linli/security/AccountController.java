package org.linli.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page and the password change form. */
@Controller
class AccountController {

  private final StaffAccounts accounts;

  AccountController(StaffAccounts accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/login")
  String login() {
    return "security/login";
  }

  @GetMapping("/staff/password")
  String passwordForm() {
    return "security/password";
  }

  @PostMapping("/staff/password")
  String changePassword(
      Principal principal,
      @RequestParam String current,
      @RequestParam String password,
      @RequestParam String repeat,
      Model model,
      HttpServletRequest request)
      throws ServletException {
    if (!accounts.matches(principal.getName(), current)) {
      model.addAttribute("error", "password.error.current");
      return "security/password";
    }
    if (!password.equals(repeat)) {
      model.addAttribute("error", "password.error.repeat");
      return "security/password";
    }
    if (password.length() < 10 || password.equals(current)) {
      model.addAttribute("error", "password.error.weak");
      return "security/password";
    }
    accounts.changePassword(principal.getName(), password);
    // log in again, so the new session carries no trace of the one-time password
    request.logout();
    return "redirect:/login?changed";
  }
}
