package dev.warden.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "42|<*>",
        "-17|<*>",
        "0.023958297|<*>",
        "10.251.71.16:50010|<*>",
        "/10.250.19.102:54106|<*>",
        "0x14ed93111f20027|<*>",
        "0673dd71-34c5-4fbb-86c4-40623fbe45b4|<*>",
        "blk_-6952295868487656571|<*>",
        "rdd_2_0|<*>",
        "attempt_1445144423722_0020_m_000000_0|<*>",
        "/etc/httpd/conf/workers2.properties|<*>",
        "hdfs://10.10.34.11:9000/pjhe/logs|<*>",
        "9ms|<*>",
        "[187.141.143.180]|[<*>]",
        "11:|<*>:",
        "188978561024,|<*>,",
        "(TID|(TID",
        "3).|<*>).",
        "uid=0|uid=<*>",
        "rhost=183.62.140.253|rhost=<*>",
        "onExtend:1514038530000|onExtend:<*>",
        "core.2275|core.<*>",
        "headroom=<memory:0,|headroom=<memory:<*>,",
        "vCores:-27>|vCores:<*>>",
        "ssh2|ssh2",
        "jk2_init()|jk2_init()",
        "IPv4|IPv4",
        "log4j|log4j",
        "hadoop-metrics2.properties|hadoop-metrics2.properties",
        "user=root|user=root",
        "terminating|terminating",
      })
  void masksValuesByShapeAndKeepsWordsWithADigit(String token, String masked) {
    assertThat(Masker.maskToken(token)).isEqualTo(masked);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6"
            + "|Received block <*> of size <*> from <*>",
        "Block broadcast_9 stored as bytes in memory (estimated size 5.2 KB, free 317.1 MB)"
            + "|Block <*> stored as bytes in memory (estimated size <*>, free <*>)",
        "  Failed   password for root from 1.2.3.4 port 22 ssh2  "
            + "|Failed password for root from <*> port <*> ssh2",
        "|",
      })
  void masksAMessageTokenByTokenWithOneSpaceBetween(String message, String masked) {
    String input = message == null ? "" : message;
    String expected = masked == null ? "" : masked;
    assertThat(String.join(" ", Masker.mask(input))).isEqualTo(expected);
    assertThat(Masker.masked(input)).isEqualTo(expected);
  }
}
