package com.example.hellocheck;

import dev.doctor.api.Check;
import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckResult;
import dev.doctor.api.CommandResult;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.Remediation;
import dev.doctor.api.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Warns when the gateway is set to listen on a privileged port. On Linux only root, or a process
 * with {@code CAP_NET_BIND_SERVICE}, may listen below {@code net.ipv4.ip_unprivileged_port_start}
 * (1024 unless lowered), so a gateway run as an ordinary service user fails to start there.
 *
 * <p>Stateless, so safe to call from any thread.
 */
@Extension
public final class PrivilegedPortCheck implements Check {

  static final String PRIVILEGED_PORT = "hello-check.privileged-port";
  static final String INVALID_PORT = "hello-check.invalid-port";
  static final int DEFAULT_PORT = 18789;
  static final int LINUX_FIRST_UNPRIVILEGED_PORT = 1024;
  static final String[] SYSCTL = {"sysctl", "-n", "net.ipv4.ip_unprivileged_port_start"};

  private static final Remediation USE_A_HIGH_PORT = Remediation.of(
      "Use a port above 1023 (OpenClaw's default is 18789), then restart the gateway.",
      "openclaw config set gateway.port 18789",
      "openclaw gateway restart");

  @Override
  public String id() {
    return "hello-check";
  }

  @Override
  public String title() {
    return "Gateway port needs no root";
  }

  @Override
  public String description() {
    return "On Linux, warns when gateway.port is a port that only root may listen on.";
  }

  @Override
  public CheckResult run(CheckContext context) {
    if (!context.platform().isLinux()) {
      return CheckResult.skipped("this check looks at Linux hosts only");
    }
    if (!context.config().usable()) {
      return CheckResult.skipped("the gateway config could not be read (doctor reports why)");
    }
    ConfigNode node = context.config().at("gateway.port");
    if (node.isMissing()) {
      return CheckResult.passed(Map.of("gateway.port", DEFAULT_PORT + " (OpenClaw's default)"));
    }
    Integer port = port(node);
    if (port == null) {
      return CheckResult.findings(
          Finding.builder(INVALID_PORT, Severity.ERROR, "gateway.port is not a port number from 1 to 65535")
              .at(node)
              .remediation(USE_A_HIGH_PORT)
              .build());
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("gateway.port", port.toString());
    if (port >= LINUX_FIRST_UNPRIVILEGED_PORT) {
      return CheckResult.passed(evidence);
    }

    // Hosts may lower the limit (container runtimes often set it to 0): ask the kernel.
    CommandResult sysctl = context.commands().run(Duration.ofSeconds(2), SYSCTL);
    Integer firstUnprivileged = sysctl.succeeded() ? parseInt(sysctl.stdout().strip()) : null;
    evidence.put("net.ipv4.ip_unprivileged_port_start",
        firstUnprivileged != null ? firstUnprivileged.toString() : "unknown (sysctl: " + sysctl.summary() + ")");

    Finding.Builder finding;
    if (firstUnprivileged != null && port >= firstUnprivileged) {
      finding = Finding.builder(PRIVILEGED_PORT, Severity.INFO,
          "gateway.port " + port + " is below 1024: this host lets any user listen on it, most Linux hosts do not");
    } else {
      finding = Finding.builder(PRIVILEGED_PORT, Severity.WARNING,
          "gateway.port " + port + " is a privileged port: the gateway cannot listen on it unless it runs as root"
              + " or has CAP_NET_BIND_SERVICE");
    }
    return CheckResult.findings(finding.at(node).evidence(evidence).remediation(USE_A_HIGH_PORT).build());
  }

  /** The port a config value names, or null if it is not a whole number from 1 to 65535. */
  private static Integer port(ConfigNode node) {
    if (!(node.number() instanceof BigDecimal number)) {
      return null;
    }
    try {
      int port = number.intValueExact();
      return port >= 1 && port <= 65535 ? port : null;
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static Integer parseInt(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
