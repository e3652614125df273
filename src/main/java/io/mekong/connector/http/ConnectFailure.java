package io.mekong.connector.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * What went wrong with a connection, in words that name neither the address it resolved to nor the port: the
 * exceptions' own texts do ("Connect to http://10.0.0.7:8080 [/10.0.0.7] failed"), and a merchant must not learn
 * the shape of a network from them.
 */
final class ConnectFailure {

    private ConnectFailure() {
    }

    static String describe(IOException e) {
        if (e instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        if (HttpRequester.isTimeout(e)) {
            return "timed out waiting for the answer";
        }
        if (e instanceof UnknownHostException) {
            return "host name not found (DNS lookup failed)";
        }
        if (e instanceof SSLException) {
            return "TLS handshake or session failed";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof NoHttpResponseException) {
            return "the server closed the connection without answering";
        }
        if (e instanceof SocketException) {
            return "connection broken";
        }
        return "connection error (" + e.getClass().getSimpleName() + ")";
    }
}
