package dev.warden.core.chat.command;

import dev.warden.core.chat.CommandRequest;
import java.util.List;

/**
 * One command as typed: the request and the words after the command's own (after {@code runbook
 * plan}: the name and the labels).
 */
record Invocation(CommandRequest request, List<String> args) {
  Invocation {
    args = List.copyOf(args);
  }

  /** The command's name as the team registered it ({@code /warden}). */
  String command() {
    return request.command();
  }

  String userId() {
    return request.userId();
  }

  /** The usage message of {@code syntax} after {@code problem}. */
  Answer usage(Syntax syntax, String problem) {
    return Answer.now(syntax.usage(command(), problem));
  }
}
