package dev.doctor.core.fix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a JVM of its own by {@link AtomicReplaceKillTest}: flips {@code args[0]} between two large
 * contents with {@link AtomicReplace#replace}, a backup each time, until it is killed. Prints
 * {@code writing} once, when the first write starts, so the test knows when to aim.
 */
public final class AtomicReplaceProbe {

  private AtomicReplaceProbe() {}

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    int size = Integer.parseInt(args[1]);
    byte[] a = content('A', size);
    byte[] b = content('B', size);
    System.out.println("writing");
    System.out.flush();
    while (true) {
      byte[] now = Files.readAllBytes(target);
      byte[] next = Arrays.equals(now, a) ? b : a;
      AtomicReplace.replace(target, now, next, now);
    }
  }

  /** {@code size} bytes of {@code fill} with a line number every 64 bytes, so a torn file cannot pass for either. */
  static byte[] content(char fill, int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) fill);
    for (int i = 0; i + 64 <= size; i += 64) {
      byte[] mark = String.format("%08d", i / 64).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      System.arraycopy(mark, 0, bytes, i, mark.length);
      bytes[i + 63] = '\n';
    }
    return bytes;
  }
}
