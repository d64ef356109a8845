package org.linli.staff;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.linli.care.CareService;
import org.linli.handoff.HandoffService;
import org.linli.handoff.RoutingRule;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administration (role ADMIN): the routing table, staff accounts, residents' care records. */
@RestController
@RequestMapping("/api/staff/admin")
@Tag(name = "Administration")
class AdminApiController {

  private final HandoffService handoff;
  private final StaffAccounts accounts;
  private final CareService care;
  private final StaffActors actors;

  AdminApiController(HandoffService handoff, StaffAccounts accounts, CareService care, StaffActors actors) {
    this.handoff = handoff;
    this.accounts = accounts;
    this.care = care;
    this.actors = actors;
  }

  @GetMapping("/routing")
  List<RoutingRule> routing() {
    return handoff.routingTable();
  }

  @PutMapping("/routing/{category}")
  RoutingRule route(@PathVariable String category, @RequestBody RoutingRule body, Principal principal) {
    return handoff.route(actors.actor(principal), new RoutingRule(category, body.department(), body.slaHours()));
  }

  record NewStaff(String username, String displayName, String department, Set<StaffMember.Role> roles, String password) {}

  @GetMapping("/staff")
  List<StaffMember> staff() {
    return accounts.all();
  }

  /** Creates an account; the member must change the given password at first login. */
  @PostMapping("/staff")
  @ResponseStatus(HttpStatus.CREATED)
  StaffMember createStaff(@RequestBody NewStaff body, Principal principal) {
    Set<StaffMember.Role> roles =
        body.roles() == null || body.roles().isEmpty() ? EnumSet.of(StaffMember.Role.STAFF) : body.roles();
    if (body.department() != null && !handoff.departments().contains(body.department())) {
      throw new IllegalArgumentException("no department " + body.department());
    }
    return accounts.create(principal.getName(), body.username(), body.displayName(), body.department(), roles,
        body.password(), true);
  }

  record SupportBody(String needs, boolean consent, String note) {}

  @PutMapping("/residents/{residentId}/support")
  CareService.Support support(@PathVariable String residentId, @RequestBody SupportBody body, Principal principal) {
    return care.recordSupport(principal.getName(), residentId, body.needs(), body.consent(), body.note());
  }

  @DeleteMapping("/residents/{residentId}/support")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void withdrawSupport(@PathVariable String residentId, Principal principal) {
    care.withdrawSupport(principal.getName(), residentId);
  }

  /**
   * A carer: by their contact ({@code phone} and/or {@code wechatOpenid}) or, when they are known
   * already, by {@code proxyResidentId}.
   */
  record ProxyBody(String proxyResidentId, String phone, String wechatOpenid, String relation, boolean consent) {}

  @GetMapping("/residents/{residentId}/proxies")
  List<CareService.Proxy> proxies(@PathVariable String residentId) {
    return care.proxies(residentId);
  }

  @PostMapping("/residents/{residentId}/proxies")
  @ResponseStatus(HttpStatus.CREATED)
  List<CareService.Proxy> addProxy(@PathVariable String residentId, @RequestBody ProxyBody body, Principal principal) {
    if (body.proxyResidentId() != null && !body.proxyResidentId().isBlank()) {
      return List.of(care.addProxy(principal.getName(), residentId, body.proxyResidentId(), body.relation(),
          body.consent()));
    }
    return care.addCarer(principal.getName(), residentId, body.phone(), body.wechatOpenid(), body.relation(),
        body.consent());
  }

  /** Revokes a carer's record (kept, with who revoked it and when); answers the revoked record. */
  @DeleteMapping("/proxies/{id}")
  CareService.Proxy revokeProxy(@PathVariable long id, Principal principal) {
    return care.revokeProxy(principal.getName(), id);
  }

  @GetMapping("/staffed-hours")
  HandoffService.Staffing staffing() {
    return handoff.staffing();
  }

  /** {@code {"days":["MONDAY",...],"from":"08:30","until":"17:30"}} */
  @PutMapping("/staffed-hours")
  HandoffService.Staffing setStaffing(@RequestBody HandoffService.Staffing body, Principal principal) {
    return handoff.setStaffing(actors.actor(principal), body);
  }

  @GetMapping("/departments")
  List<String> departments() {
    return handoff.departments();
  }

}
