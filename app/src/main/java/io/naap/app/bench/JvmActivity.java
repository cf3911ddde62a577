package io.naap.app.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What this JVM did besides running the code being measured: JIT compilation and collector pauses,
 * from the platform's management beans. Readings are cumulative since the JVM started; a benchmark
 * reports differences.
 */
final class JvmActivity {
  private JvmActivity() {}

  /** Milliseconds the JIT compilers have spent compiling, or 0 when the JVM does not say. */
  static long compilationMillis() {
    CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
    return compilation != null && compilation.isCompilationTimeMonitoringSupported()
        ? compilation.getTotalCompilationTime()
        : 0;
  }

  /**
   * Milliseconds of collector pauses, all collectors summed (with G1: young and mixed pauses, full
   * collections, and the Remark and Cleanup pauses its "G1 Concurrent GC" bean counts).
   */
  static long gcPauseMillis() {
    long millis = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, collector.getCollectionTime());
    }
    return millis;
  }
}
