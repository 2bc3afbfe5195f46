package dev.doctor.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doctor.api.CheckReport;
import dev.doctor.api.CheckStatus;
import dev.doctor.api.Finding;
import dev.doctor.api.Report;
import dev.doctor.api.ReportOptions;
import dev.doctor.api.Severity;
import dev.doctor.core.testing.Golden;
import dev.doctor.core.testing.SampleReports;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

class MarkdownReporterTest {

  private static final List<Extension> GFM = List.of(TablesExtension.create());

  private static String render(Report report, boolean verbose) throws IOException {
    StringWriter out = new StringWriter();
    new MarkdownReporter().write(report, new ReportOptions(verbose, false), out);
    return out.toString();
  }

  /** HTML as a CommonMark renderer with GitHub's table extension makes it. */
  private static String html(String markdown) {
    return HtmlRenderer.builder().extensions(GFM).build().render(Parser.builder().extensions(GFM).build().parse(markdown));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  @Test
  void matchesGoldenFiles() throws IOException {
    Golden.assertMatches("markdown-mixed.md", render(SampleReports.mixed(), false));
    Golden.assertMatches("markdown-mixed-verbose.md", render(SampleReports.mixed(), true));
    Golden.assertMatches("markdown-waived.md", render(SampleReports.waived(), false));
  }

  @Test
  void rendersAsATableOfChecksAndOneSectionPerFinding() throws IOException {
    Report report = SampleReports.mixed();
    String html = html(render(report, true));
    assertEquals(1, count(html, "<table>"), html);
    assertEquals(report.checks().size() + 1, count(html, "<tr>"), "a header row and one row per check");
    assertEquals(report.checks().size() * 4 + 4, count(html, "</td>") + count(html, "</th>"), "four cells in every row");
    assertEquals(report.findings().size(), count(html, "<h4>"));
    assertTrue(html.contains("<code class=\"language-sh\">sysctl kernel.apparmor_restrict_unprivileged_userns\n</code>"), "commands are a code block");
    assertTrue(html.contains("<details><summary>Evidence</summary>"), html);
    assertFalse(render(report, false).contains("<details>"), "evidence only with -v");
  }

  @Test
  void textFromChecksCannotBecomeMarkup() throws IOException {
    String nasty = "a | b <script>alert(1)</script> *bold* _em_ [link](http://x) `tick` &amp; # not a heading";
    Finding f = Finding.builder("weird.thing", Severity.WARNING, nasty).path("a|b").remediation(nasty, "echo '`|`'").build()
        .withCheckId("weird");
    Report report = new Report("1", Instant.EPOCH, Duration.ZERO, Severity.WARNING, List.of(
        new CheckReport("weird", "weird", "Title | with <b>pipe</b>", CheckStatus.FAILED, Duration.ZERO, null, List.of(f), Map.of())));
    String html = html(render(report, false));
    assertFalse(html.contains("<script>"), html);
    assertFalse(html.contains("<b>"), html);
    assertFalse(html.contains("<strong>bold"), html);
    assertFalse(html.contains("<em>"), html);
    assertFalse(html.contains("<a href"), html);
    assertTrue(html.contains("a | b &lt;script&gt;alert(1)&lt;/script&gt; *bold* _em_ [link](http://x) `tick` &amp;amp; # not a heading"), html);
    assertEquals(2 * 4, count(html, "</td>") + count(html, "</th>"), "a pipe in a title does not add a cell");
    assertTrue(html.contains("<code class=\"language-sh\">echo '`|`'\n</code>"), html);
    assertTrue(html.contains("<code>a|b</code>"), html);
  }
}
