package dev.doctor.plugins.codexbwrap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AppArmor profiles under {@code /etc/apparmor.d} that attach to the bwrap Codex runs, and
 * whether the distribution's {@code bwrap-userns-restrict} profile is at hand. Immutable.
 *
 * @param attached profiles whose attachment matches the bwrap path, as {@code file (profile name)}; never null
 * @param distroInstalled {@code /etc/apparmor.d/bwrap-userns-restrict} exists (and is not disabled)
 * @param distroAvailable {@code /usr/share/apparmor/extra-profiles/bwrap-userns-restrict} exists
 */
record AppArmorProfiles(List<String> attached, boolean distroInstalled, boolean distroAvailable) {

  static final String DIR = "/etc/apparmor.d";
  static final String DISTRO_NAME = "bwrap-userns-restrict";
  static final String DISTRO_INSTALLED = DIR + "/" + DISTRO_NAME;
  static final String DISTRO_EXTRA = "/usr/share/apparmor/extra-profiles/" + DISTRO_NAME;
  /** The path the distribution's profile attaches to. */
  static final String DISTRO_BWRAP = "/usr/bin/bwrap";

  // "profile NAME ATTACHMENT [flags] {", "profile /path {", or "/path [flags] {"; names may be quoted.
  private static final Pattern NAMED =
      Pattern.compile("^\\s*profile\\s+(\"[^\"]+\"|\\S+)\\s+(\"/[^\"]*\"|/\\S*)");
  private static final Pattern PATH_NAMED = Pattern.compile("^\\s*(?:profile\\s+)?(\"/[^\"]*\"|/[^\\s{]*)\\s*(?:flags|xattrs|\\{|$)");

  AppArmorProfiles {
    attached = List.copyOf(attached);
  }

  static AppArmorProfiles scan(HostFiles files, String bwrapPath) {
    var attached = new ArrayList<String>();
    if (bwrapPath != null) {
      for (String name : files.regularFiles(DIR)) {
        if (ignored(name) || files.exists(DIR + "/disable/" + name)) {
          continue;
        }
        HostFiles.Read profile = files.read(DIR + "/" + name);
        for (String line : profile.text().lines().toList()) {
          String[] header = header(line);
          if (header != null && attachmentMatches(header[1], bwrapPath)) {
            attached.add(DIR + "/" + name + " (profile " + header[0] + ")");
          }
        }
      }
    }
    boolean installed = files.exists(DISTRO_INSTALLED) && !files.exists(DIR + "/disable/" + DISTRO_NAME);
    return new AppArmorProfiles(attached, installed, files.exists(DISTRO_EXTRA));
  }

  /** More than one profile attaches to the same bwrap path. */
  boolean conflict() {
    return attached.size() > 1;
  }

  // Package-manager leftovers and editor backups are not loaded by apparmor_parser.
  private static boolean ignored(String name) {
    return name.startsWith(".") || name.endsWith("~") || name.contains(".dpkg-") || name.endsWith(".rpmnew")
        || name.endsWith(".rpmsave") || name.equals("README");
  }

  /** {name, attachment} of a profile header line, or null. */
  static String[] header(String line) {
    String trimmed = line.strip();
    if (trimmed.startsWith("#") || trimmed.startsWith("include") || trimmed.startsWith("abi")) {
      return null;
    }
    Matcher named = NAMED.matcher(line);
    if (named.find()) {
      return new String[] {unquote(named.group(1)), unquote(named.group(2))};
    }
    Matcher path = PATH_NAMED.matcher(line);
    if (path.find() && line.contains("{")) {
      String p = unquote(path.group(1));
      return new String[] {p, p};
    }
    return null;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  /** AppArmor glob match: {@code *} within a component, {@code **} across, {@code ?}, {@code {a,b}}. */
  static boolean attachmentMatches(String attachment, String path) {
    if (attachment.contains("@{")) {
      return false; // a variable doctor cannot resolve
    }
    var regex = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < attachment.length(); i++) {
      char c = attachment.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < attachment.length() && attachment.charAt(i + 1) == '*') {
            regex.append(".*");
            i++;
          } else {
            regex.append("[^/]*");
          }
        }
        case '?' -> regex.append("[^/]");
        case '{' -> {
          braces++;
          regex.append("(?:");
        }
        case '}' -> {
          braces = Math.max(0, braces - 1);
          regex.append(")");
        }
        case ',' -> regex.append(braces > 0 ? "|" : ",");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    try {
      return Pattern.matches(regex.toString(), path);
    } catch (RuntimeException e) {
      return attachment.equals(path);
    }
  }
}
