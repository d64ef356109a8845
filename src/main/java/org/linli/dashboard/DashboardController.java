package org.linli.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Supervisors' dashboard (role SUPERVISOR or ADMIN): charts as server-rendered SVG. */
@Controller
@RequestMapping("/staff/dashboard")
class DashboardController {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

  private final DashboardQueries queries;
  private final MessageSource messages;

  DashboardController(DashboardQueries queries, MessageSource messages) {
    this.queries = queries;
    this.messages = messages;
  }

  private String word(String key, Object... args) {
    return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
  }

  @GetMapping
  String dashboard(Model model) {
    DashboardQueries.DailyChannels daily = queries.requestsPerDay(14);
    model.addAttribute("requestsChart", SvgCharts.stackedColumns(
        word("dashboard.requests"),
        daily.days().stream().map(DAY::format).toList(),
        daily.byChannel()));

    List<DashboardQueries.OpenOrder> open = queries.openOrders();
    Map<String, double[]> byAge = queries.openByDepartmentAndAge(open);
    List<String> departments = new ArrayList<>(byAge.keySet());
    Map<String, double[]> ageSeries = new LinkedHashMap<>();
    String[] bands = {word("dashboard.age.0"), word("dashboard.age.1"), word("dashboard.age.2"), word("dashboard.age.3")};
    for (int band = 0; band < 4; band++) {
      double[] values = new double[departments.size()];
      for (int d = 0; d < departments.size(); d++) {
        values[d] = byAge.get(departments.get(d))[band];
      }
      ageSeries.put(bands[band], values);
    }
    model.addAttribute("openChart", SvgCharts.stackedColumns(word("dashboard.open"), departments, ageSeries));
    model.addAttribute("openCount", open.size());

    List<SvgCharts.Bar> sla = queries.slaCompliance().stream()
        .map(s -> new SvgCharts.Bar(s.department(), s.share() * 100,
            String.format(Locale.ROOT, "%.0f%% (%d/%d)", s.share() * 100, s.onTime(), s.resolved())))
        .toList();
    model.addAttribute("slaChart", SvgCharts.bars(word("dashboard.sla"), sla, 100));

    List<SvgCharts.Bar> ratings = queries.satisfaction().stream()
        .map(w -> new SvgCharts.Bar(DAY.format(w.weekStart()), w.average(),
            w.count() == 0 ? "—" : String.format(Locale.ROOT, "%.1f (%d)", w.average(), w.count())))
        .toList();
    model.addAttribute("ratingChart", SvgCharts.bars(word("dashboard.satisfaction"), ratings, 5));
    model.addAttribute("unanswered", queries.unanswered(20));
    model.addAttribute("spikes", queries.spikes());
    return "dashboard/dashboard";
  }

  /**
   * A knowledge-base document draft for an unanswered question, in the document format (front
   * matter and sections), for the knowledge-base editor to complete.
   */
  @GetMapping(path = "/draft", produces = "text/markdown;charset=UTF-8")
  ResponseEntity<String> draft(@RequestParam String question) {
    String q = question.strip();
    if (q.length() > 200) {
      q = q.substring(0, 200);
    }
    String id = "draft-" + LocalDate.now() + "-" + Integer.toHexString(q.hashCode() & 0xfffffff);
    String oneLine = q.replace("\n", " ").replace("\"", "'");
    String markdown =
        "---\n"
            + "id: " + id + "\n"
            + "title: \"" + oneLine + "\"\n"
            + "department: \n"
            + "category: \n"
            + "tags: [\"" + oneLine + "\"]\n"
            + "synonyms: []\n"
            + "effective: " + LocalDate.now() + "\n"
            + "lang: zh\n"
            + "source: \n"
            + "---\n"
            + "## 一句话说明\n"
            + "（居民问过：“" + q + "”。请用一两句话回答。）\n\n"
            + "## 谁可以享受\n- \n\n"
            + "## 怎么办理\n1. \n\n"
            + "## 要带什么材料\n- \n\n"
            + "## 在哪里办、咨询电话\n- \n";
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(id + ".md", StandardCharsets.UTF_8).build().toString())
        .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
        .body(markdown);
  }
}
