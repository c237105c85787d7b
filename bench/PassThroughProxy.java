import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;

/**
 * The floor of a JVM router in scenario 1, not part of the product: a Vert.x server that sends
 * every request on to one worker with the Vert.x HTTP client, as the master does, and copies the
 * answer back. No parsing, routing, balancing, breaker, metrics or JSON. Event loops, connection
 * pool and client options are the master's.
 *
 * <p>Run as a source file with the master's libraries: {@code java -cp 'master/target/quarkus-app/lib/main/*'
 * bench/PassThroughProxy.java PORT WORKER_PORT}.
 */
public final class PassThroughProxy extends AbstractVerticle {

    private final int port;
    private final int workerPort;
    private HttpClient client;

    private PassThroughProxy(int port, int workerPort) {
        this.port = port;
        this.workerPort = workerPort;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int workerPort = Integer.parseInt(args[1]);
        // the master's: one event loop (quarkus.vertx.event-loops-pool-size=1), one HTTP server verticle on it
        int loops = 1;
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops)).deployVerticle(() -> new PassThroughProxy(port, workerPort), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("pass-through proxy on " + port + " -> " + workerPort + ", " + loops + " event loops"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(workerPort)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(128));
        vertx.createHttpServer().requestHandler(this::pass).listen(port, "127.0.0.1")
                .<Void>mapEmpty().onComplete(started);
    }

    private void pass(HttpServerRequest request) {
        client.request(HttpMethod.GET, request.uri())
                .compose(call -> call.send().compose(answer -> answer.body().onSuccess(body -> request.response()
                        .setStatusCode(answer.statusCode())
                        .putHeader("content-type", answer.getHeader("content-type"))
                        .end(body))))
                .onFailure(e -> request.response().setStatusCode(502).end());
    }
}
