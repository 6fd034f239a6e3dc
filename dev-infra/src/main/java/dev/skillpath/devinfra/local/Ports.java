package dev.skillpath.devinfra.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Whether the fixed local ports are free before anything is started on them. */
public final class Ports {

    private Ports() {
    }

    /**
     * True if a server socket can bind {@code host:port} now. On Linux this also fails when another process
     * listens on the wildcard address with the same port, which is what we want to know.
     */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a socket in TIME_WAIT from our own last run does not count as busy
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The ports among {@code ports} that are in use, in the given order. */
    public static List<Integer> busy(String host, int... ports) {
        List<Integer> busy = new ArrayList<>();
        for (int port : ports) {
            if (!isFree(host, port)) {
                busy.add(port);
            }
        }
        return busy;
    }

    /** What to tell a developer whose port is taken. */
    public static String advice(String host, int port, String usedFor) {
        return "port " + port + " (" + usedFor + ") on " + host + " is already in use. If it is an earlier Skillpath run, "
                + "stop it with `./skillpath down`; otherwise find the process with `ss -ltnp 'sport = :" + port
                + "'` and stop it, then start again.";
    }
}
