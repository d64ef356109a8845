package org.linli.staff;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.linli.handoff.HomeVisits;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Home visits for residents who need extra help: scheduled from an order, listed, marked done. */
@RestController
@RequestMapping("/api/staff")
@Tag(name = "Home visits", description = "Home visits for residents recorded as needing extra help")
class HomeVisitApiController {

  private final HomeVisits visits;
  private final HomeVisitRequests requests;
  private final StaffActors actors;

  HomeVisitApiController(HomeVisits visits, HomeVisitRequests requests, StaffActors actors) {
    this.visits = visits;
    this.requests = requests;
    this.actors = actors;
  }

  /**
   * @param date YYYY-MM-DD, local to the service centre
   * @param from HH:mm
   * @param until HH:mm, at most 12 hours after {@code from}
   * @param address where to go; empty: the order's location
   * @param assignee the user name of the member of staff who goes
   */
  record ScheduleBody(String date, String from, String until, String address, String assignee) {}

  @PostMapping("/tickets/{id}/home-visits")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Owner or supervisor: schedule a home visit; the resident is told on their channel")
  HomeVisits.HomeVisit schedule(@PathVariable String id, @RequestBody(required = false) ScheduleBody body,
      Principal principal) {
    ScheduleBody b = body == null ? new ScheduleBody(null, null, null, null, null) : body;
    return requests.schedule(actors.actor(principal), id, b.date(), b.from(), b.until(), b.address(), b.assignee());
  }

  @GetMapping("/tickets/{id}/home-visits")
  @Operation(summary = "The order's home visits")
  List<HomeVisits.HomeVisit> ofTicket(@PathVariable String id, Principal principal) {
    return visits.forOrder(actors.actor(principal), id);
  }

  @GetMapping("/home-visits")
  @Operation(summary = "Open home visits: all for supervisors, one's own for other staff")
  List<HomeVisits.HomeVisit> open(Principal principal) {
    return visits.open(actors.actor(principal));
  }

  @PostMapping("/home-visits/{visitId}/done")
  @Operation(summary = "The visit was made")
  HomeVisits.HomeVisit done(@PathVariable long visitId, Principal principal) {
    return visits.finish(actors.actor(principal), visitId, true);
  }

  @PostMapping("/home-visits/{visitId}/cancel")
  @Operation(summary = "The visit is called off")
  HomeVisits.HomeVisit cancel(@PathVariable long visitId, Principal principal) {
    return visits.finish(actors.actor(principal), visitId, false);
  }
}
