package dev.warden.integrations.http;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body up to a limit and throws it away, giving the number of bytes read. A check
 * only needs the status, but reading (a bounded part of) the body lets the request time out as a
 * whole and keeps a huge or endless body from holding the check; past the limit the connection is
 * dropped.
 */
final class BoundedDiscard implements BodySubscriber<Long> {
  private final long limit;
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private long read;

  BoundedDiscard(long limit) {
    this.limit = limit;
  }

  @Override
  public CompletionStage<Long> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (limit == 0) {
      subscription.cancel();
      result.complete(0L);
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      read += buffer.remaining();
    }
    if (read >= limit) {
      subscription.cancel();
      result.complete(limit);
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(read);
  }
}
