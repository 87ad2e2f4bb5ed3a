package dev.baton.common.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Long-lived server streams (health Watch here, progress watches in production) on ONE HTTP/2
 * connection: the server's concurrent-stream limit decides how many run at once.
 */
class ConcurrentStreamsTest {
  static final int STREAMS = 150;

  Vertx vertx;
  HttpClientAgent http;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false), new PoolOptions().setHttp2MaxSize(1));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void oneConnectionCarriesAsManyOpenStreamsAsConfigured() throws Exception {
    assertThat(openWatches(STREAMS + 50)).isEqualTo(STREAMS);
  }

  @Test
  void aLimitOf100HoldsTheRestBack() throws Exception {
    assertThat(openWatches(100)).isEqualTo(100);
  }

  /** Opens {@link #STREAMS} health watches on one connection; how many got their response headers. */
  private int openWatches(int limit) throws Exception {
    ServiceServer server = ServiceServer.start(vertx, new ServiceServer.Spec("streams-test",
        new ServerConfig("127.0.0.1", 0, 1 << 20, List.of(), limit))).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    AtomicInteger answered = new AtomicInteger();
    // one uncompressed frame holding an empty HealthCheckRequest (the server's overall health)
    Buffer frame = Buffer.buffer().appendByte((byte) 0).appendInt(0);
    for (int i = 0; i < STREAMS; i++) {
      http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(server.port())
              .setURI("/grpc.health.v1.Health/Watch").putHeader("content-type", "application/grpc")
              .putHeader("te", "trailers"))
          .compose(req -> {
            req.end(frame);
            return req.response();
          })
          .onSuccess(resp -> answered.incrementAndGet());
    }
    int expected = Math.min(limit, STREAMS);
    Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> answered.get() >= expected);
    // the ones beyond the limit wait for a stream to close, which a watch never does
    Thread.sleep(500);
    return answered.get();
  }
}
