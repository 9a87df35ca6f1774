package dev.warden.core.llm;

import dev.warden.core.action.ActionFormatException;
import dev.warden.core.action.ActionJson;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the actions a model proposed in a structured answer ({@code "proposals": [{"kind": ...,
 * "target": {...}, "parameters": {...}}]}). Whatever the answer claims, each proposal is requested
 * by the model and tainted, so the policy engine never lets it run without a person: a model can
 * only ever propose.
 */
public final class ModelProposals {
  private ModelProposals() {}

  /** The proposals of {@code answer}, and why any item could not be read. */
  public static Read read(LlmAnswer answer, Optional<String> sourceEvent) {
    List<ProposedAction> actions = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    JsonNode proposals = answer.structured().map(s -> s.path("proposals")).orElse(null);
    if (proposals == null || !proposals.isArray()) {
      return new Read(List.of(), List.of());
    }
    String model = answer.model().map(ModelRef::toString).orElse("unknown");
    int index = 0;
    for (JsonNode item : proposals) {
      String where = "proposals[" + index++ + "]";
      if (!item.isObject()) {
        rejected.add(where + ": not an object");
        continue;
      }
      ObjectNode copy = ((ObjectNode) item).deepCopy();
      ObjectNode requester = copy.putObject("requester");
      requester.put("type", Requester.Type.MODEL.wireName());
      requester.put("id", model);
      copy.put("tainted", true);
      copy.remove("sourceEvent");
      sourceEvent.ifPresent(id -> copy.put("sourceEvent", id));
      try {
        actions.add(ActionJson.fromTree(copy));
      } catch (ActionFormatException e) {
        rejected.add(where + ": " + e.getMessage());
      }
    }
    return new Read(List.copyOf(actions), List.copyOf(rejected));
  }

  /**
   * @param actions the proposals, each tainted and requested by the model
   * @param rejected why some items were not proposals
   */
  public record Read(List<ProposedAction> actions, List<String> rejected) {}
}
