package dev.warden.app.slack;

import dev.warden.app.chat.JdbcAlertThreadStore;
import dev.warden.app.chat.JdbcApprovalMessageStore;
import dev.warden.app.runbook.RunbookRepository;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.Directory;
import dev.warden.core.chat.ChatActions;
import dev.warden.core.chat.ChatDesk;
import dev.warden.core.chat.ChatInteractions;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.alerts.AlertThread;
import dev.warden.core.chat.alerts.AlertThreads;
import dev.warden.core.chat.alerts.ChannelRoutes;
import dev.warden.core.chat.approval.ApprovalMessages;
import dev.warden.core.chat.command.ChatCommands;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.integration.Availability;
import dev.warden.core.integration.Integration;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.UsageLedger;
import dev.warden.core.notify.ChatNotifier;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunbookEngine;
import dev.warden.integrations.slack.SlackDirectory;
import dev.warden.integrations.slack.SlackEvents;
import dev.warden.integrations.slack.SlackIntegration;
import dev.warden.integrations.slack.SlackSettings;
import dev.warden.integrations.slack.SlackSocketMode;
import dev.warden.integrations.slack.SlackSurface;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The Slack adapter's beans. Always: the settings, the {@code slack} health line and {@code
 * /slack/events}. With a bot token ({@link SlackEnabled}): the chat surface and everything that
 * talks through it: approval messages (a gate listener), alert threads (an inbox handler, before
 * the one that starts runbooks), the {@code /warden} commands, the approver directory, {@code
 * notify} steps, run progress in alert threads, and Socket Mode when an app token is set. Without a
 * bot token none of these exist and {@code /slack/events} answers 503 saying why.
 */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

  @Bean
  SlackSettings slackSettings(SlackProperties properties) {
    return properties.settings();
  }

  @Bean
  SlackIntegration slackIntegration(
      SlackSettings settings,
      ObjectProvider<SlackSocketMode> socketMode,
      ObjectProvider<SlackDirectory> directory) {
    return new SlackIntegration(
        settings,
        Optional.ofNullable(socketMode.getIfAvailable()),
        Optional.ofNullable(directory.getIfAvailable()));
  }

  @Bean
  SlackEndpoint slackEndpoint(
      SlackSettings settings, Clock clock, ObjectProvider<ChatInteractions> interactions) {
    if (!settings.hasBotToken()) {
      return new SlackEndpoint(
          Availability.disabled(
              "no warden.slack.bot-token"
                  + (settings.hasSigningSecret() ? "" : " and no warden.slack.signing-secret")),
          Optional.empty());
    }
    return new SlackEndpoint(
        SlackEvents.availability(settings),
        settings.hasSigningSecret()
            ? Optional.of(new SlackEvents(settings, clock, interactions.getObject()))
            : Optional.empty());
  }

  /** Everything that needs the Web API, only with a bot token. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(SlackEnabled.class)
  static class Chat {

    @Bean
    SlackSurface chatSurface(SlackSettings settings) {
      return new SlackSurface(settings);
    }

    @Bean
    ChannelRoutes channelRoutes(SlackProperties properties) {
      return new ChannelRoutes(properties.defaultChannel(), properties.routes());
    }

    @Bean
    JdbcApprovalMessageStore approvalMessageStore(DataSource dataSource, Clock clock) {
      return new JdbcApprovalMessageStore(dataSource, clock);
    }

    @Bean
    JdbcAlertThreadStore alertThreadStore(DataSource dataSource) {
      return new JdbcAlertThreadStore(dataSource);
    }

    @Bean
    ChatExecutors chatExecutors() {
      return new ChatExecutors();
    }

    @Bean
    ApprovalMessages approvalMessages(
        ChatSurface surface,
        JdbcApprovalMessageStore messages,
        ApprovalStore approvals,
        ObjectProvider<ActionGate> gate,
        Supplier<PolicySet> currentPolicies,
        ChannelRoutes routes,
        ChatExecutors executors) {
      return ApprovalMessages.builder()
          .surface(surface)
          .messages(messages)
          .approvals(approvals)
          .gate(gate::getObject)
          .policies(currentPolicies)
          .channelFor(request -> routes.channelFor(labelsOf(request)))
          .executor(executors.updates())
          .build();
    }

    @Bean
    MissingApprovalMessages missingApprovalMessages(ApprovalMessages approvalMessages) {
      return new MissingApprovalMessages(approvalMessages);
    }

    /** Before the handler that starts runbooks, so a run can find its alert's thread. */
    @Bean
    @Order(0)
    AlertThreads alertThreads(
        ChatSurface surface,
        JdbcAlertThreadStore store,
        ChannelRoutes routes,
        RunbookRepository runbooks,
        Clock clock) {
      return new AlertThreads(surface, store, routes, runbooks::all, clock);
    }

    /** Run progress to the alert thread of the run, off the engine's thread. */
    @Bean
    Consumer<Run> runObserver(AlertThreads threads, ChatExecutors executors) {
      return run -> executors.updates().execute(() -> threads.runChanged(run));
    }

    @Bean
    SlackDirectory slackDirectory(
        SlackSettings settings, Supplier<PolicySet> currentPolicies, SlackProperties properties) {
      return new SlackDirectory(
          settings,
          () -> approverReferences(currentPolicies.get()),
          properties.directory().githubLogins(),
          properties.directory().ttl());
    }

    @Bean
    ChatCommands chatCommands(
        ActionGate gate,
        ApprovalStore approvals,
        Supplier<PolicySet> currentPolicies,
        Directory directory,
        FreezeSwitch freezeSwitch,
        ObjectProvider<Integration> integrations,
        LlmGateway llm,
        UsageLedger ledger,
        RunbookRepository runbooks,
        RunbookEngine engine,
        AlertThreads threads,
        ChatSurface surface,
        ChatExecutors executors,
        Clock clock) {
      return ChatCommands.builder()
          .gate(gate)
          .approvals(approvals)
          .policies(currentPolicies)
          .directory(directory)
          .freezeSwitch(freezeSwitch)
          .integrations(integrations.orderedStream().toList())
          .llm(llm)
          .ledger(ledger)
          .runbooks(runbooks::all)
          .engine(engine)
          .alerts(threads::open)
          .threads(threads)
          .surface(surface)
          .executor(executors.commands())
          .clock(clock)
          .build();
    }

    @Bean
    ChatDesk chatInteractions(
        ChatCommands commands, ApprovalMessages approvalMessages, ChatSurface surface) {
      Map<String, ChatDesk.ClickHandler> clicks = new HashMap<>();
      clicks.put(ChatActions.APPROVE, approvalMessages::clicked);
      clicks.put(ChatActions.DENY, approvalMessages::clicked);
      clicks.put(ChatActions.DETAILS, approvalMessages::clicked);
      clicks.put(ChatActions.RUNBOOK_PLAN, commands::runbookButton);
      clicks.put(ChatActions.RUNBOOK_RUN, commands::runbookButton);
      return new ChatDesk(commands::handle, clicks, surface);
    }

    /** {@code notify} steps: the run's alert thread, else the default channel. */
    @Bean
    ChatNotifier chatNotifier(
        ChatSurface surface, JdbcAlertThreadStore threads, SlackSettings settings) {
      return new ChatNotifier(
          surface,
          runId -> threads.threadOfRun(runId).flatMap(threads::find).flatMap(AlertThread::root),
          Optional.ofNullable(settings.defaultChannel()));
    }

    /**
     * Socket Mode, when an app token is set: Slack's events without a public URL. Only in the
     * server: a command's short-lived process (no web server) must not open a connection, since
     * Slack spreads events over every open one.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(SlackEnabled.SocketMode.class)
    @ConditionalOnWebApplication
    static class SocketMode {
      @Bean(destroyMethod = "close")
      SlackSocketMode slackSocketMode(SlackSettings settings, ChatInteractions interactions) {
        return SlackSocketMode.start(settings, interactions);
      }
    }

    /** What a route is matched against for an approval: where its action acts. */
    private static Map<String, String> labelsOf(ApprovalRequest request) {
      var target = request.action().target();
      Map<String, String> labels = new HashMap<>(target.labels());
      target.cluster().ifPresent(cluster -> labels.put("cluster", cluster));
      target.namespace().ifPresent(namespace -> labels.put("namespace", namespace));
      labels.put("action", request.action().kind());
      return labels;
    }

    /** Every approver reference the policies name, with named groups expanded. */
    private static Set<String> approverReferences(PolicySet policies) {
      Set<String> references = new HashSet<>();
      policies
          .rules()
          .forEach(
              rule ->
                  rule.approvals()
                      .ifPresent(
                          approvals -> references.addAll(policies.expand(approvals.approvers()))));
      policies
          .defaultApprovals()
          .ifPresent(approvals -> references.addAll(policies.expand(approvals.approvers())));
      return references;
    }
  }
}
