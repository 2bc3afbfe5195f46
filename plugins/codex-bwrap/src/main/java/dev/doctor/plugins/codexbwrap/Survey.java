package dev.doctor.plugins.codexbwrap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one run gathered: why the check applies, the host's facts, the bwrap found, the
 * AppArmor profiles for it, and the probe results. Immutable.
 */
record Survey(
    Applicability.Applies applies,
    HostFacts facts,
    BwrapLocator.Lookup lookup,
    AppArmorProfiles profiles,
    Probes probes) {

  Survey {
    Objects.requireNonNull(applies, "applies");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(profiles, "profiles");
    Objects.requireNonNull(probes, "probes");
  }

  Optional<BwrapBinary> bwrap() {
    return lookup.binary();
  }

  boolean isolatesNetwork() {
    return applies.isolatesNetwork();
  }

  List<Trigger> triggers() {
    return applies.triggers();
  }

  /** The first trigger, or for a network-only failure the first that isolates the network. */
  Trigger triggerFor(Cause.Scope scope) {
    return triggers().stream()
        .filter(t -> scope == Cause.Scope.ALL || t.isolatesNetwork())
        .findFirst()
        .orElse(triggers().get(0));
  }

  /** Every trigger, described, joined by "; ". */
  String because() {
    return String.join("; ", triggers().stream().map(Trigger::describe).toList());
  }

  /** The facts about bwrap and its AppArmor profiles, for evidence. */
  Map<String, String> bwrapFacts() {
    var ev = new LinkedHashMap<String, String>();
    if (bwrap().isPresent()) {
      BwrapBinary b = bwrap().get();
      ev.put("bwrap.path", b.foundAt() + (b.source().equals("PATH") ? " (first on PATH)" : " (from " + b.source() + ")"));
      ev.put("bwrap.real-path", b.realPath());
      ev.put("bwrap.owner", b.owner() + " (uid " + b.uid() + ")");
      ev.put("bwrap.mode", b.modeText());
      String version = probes.bwrapVersion();
      ev.put("bwrap.version", version.isEmpty()
          ? "unknown (" + probes.get(Probe.BWRAP_VERSION).map(ProbeOutcome::summary).orElse("not run") + ")"
          : version);
      if (!b.writableBy().isEmpty()) {
        ev.put("bwrap.replaceable", String.join("; ", b.writableBy()));
      }
      if (b.versioned()) {
        ev.put("bwrap.versioned-path", "yes");
      }
    } else {
      ev.put("bwrap.path", "not found on PATH outside the gateway workspace: Codex uses its bundled copy");
    }
    if (!lookup.skipped().isEmpty()) {
      ev.put("bwrap.skipped", String.join("; ", lookup.skipped()));
    }
    ev.put("apparmor.bwrap-profiles", profiles.attached().isEmpty() ? "none" : String.join("; ", profiles.attached()));
    ev.put("apparmor." + AppArmorProfiles.DISTRO_NAME,
        profiles.distroInstalled() ? "installed (" + AppArmorProfiles.DISTRO_INSTALLED + ")"
            : profiles.distroAvailable() ? "available (" + AppArmorProfiles.DISTRO_EXTRA + ")" : "not found");
    return ev;
  }

  /** Host facts and bwrap facts together, in report order. */
  Map<String, String> allFacts() {
    var all = new LinkedHashMap<String, String>(bwrapFacts());
    all.putAll(facts.evidence());
    return all;
  }
}
