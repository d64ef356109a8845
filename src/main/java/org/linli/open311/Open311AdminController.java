package org.linli.open311;

import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators issue Open311 API keys (role ADMIN, under the staff API). */
@RestController
class Open311AdminController {

  private final Open311Keys keys;

  Open311AdminController(Open311Keys keys) {
    this.keys = keys;
  }

  record NewKey(String name) {}

  /** Creates a key; the key itself is in this answer only. */
  @PostMapping("/api/staff/admin/open311/keys")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, String> create(@RequestBody NewKey body, Principal principal) {
    return Map.of("name", body.name(), "apiKey", keys.create(principal.getName(), body.name()));
  }
}
