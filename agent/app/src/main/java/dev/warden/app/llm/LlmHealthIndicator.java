package dev.warden.app.llm;

import dev.warden.core.definition.Problem;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.flags.FlagFile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code llm} component of {@code /actuator/health}: which provider answers, the state of its
 * circuit, and the flag file. Always UP: without a model Warden answers deterministically.
 */
@Component("llm")
class LlmHealthIndicator implements HealthIndicator {
  private final LlmGateway gateway;
  private final LlmProperties properties;
  private final FlagFile flags;

  LlmHealthIndicator(LlmGateway gateway, LlmProperties properties, FlagFile flags) {
    this.gateway = gateway;
    this.properties = properties;
    this.flags = flags;
  }

  @Override
  public Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("provider", properties.provider());
    if (gateway.modelConfigured()) {
      details.put("mode", "model, with the deterministic answer as the last fallback");
      gateway.providers().forEach(name -> details.put("circuit." + name, gateway.circuit(name)));
    } else {
      details.put("mode", "deterministic analysis; no model configured");
    }
    details.put("flagsFile", flags.path().toString());
    details.put("killSwitch", flags.get().killSwitch());
    details.put("flagProblems", flags.problems().stream().map(Problem::toString).toList());
    return Health.up().withDetails(details).build();
  }
}
