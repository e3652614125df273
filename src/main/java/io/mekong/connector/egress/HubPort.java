package io.mekong.connector.egress;

import java.util.function.IntSupplier;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/** The port the hub's own web server listens on (0 until it does): where the sandbox's simulators are served. */
public final class HubPort implements IntSupplier, ApplicationListener<WebServerInitializedEvent> {

    private volatile int port;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) { // not the management server's
            port = event.getWebServer().getPort();
        }
    }

    @Override
    public int getAsInt() {
        return port;
    }
}
