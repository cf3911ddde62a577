package io.naap.oracle;

/** The prior a newcomer's score starts from, by workload and GPU. */
@FunctionalInterface
public interface PriorSource {
  /**
   * @param workload the workload's model id
   * @param gpu the GPU name as the KPIs name it, or {@code unknown}
   * @return a score in [0, 1]
   */
  double prior(String workload, String gpu);
}
