package dev.skillpath.system.support;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import dev.skillpath.devinfra.KafkaBroker;

/**
 * The system tests' Kafka broker as a process of its own ({@link BrokerProcess} starts it), so that a test can
 * freeze it ({@code SIGSTOP}) or kill it ({@code kill -9}) the way a host fails. Arguments: the data folder, the
 * client port, the controller port. Prints {@code broker ready} once it answers; stops cleanly on SIGTERM.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: BrokerMain <data-dir> <port> <controller-port>");
            System.exit(2);
        }
        KafkaBroker broker = new KafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "broker-stop"));
        broker.start();
        System.out.println(BrokerProcess.READY + " " + broker.bootstrapServers());
        System.out.flush();
        new CountDownLatch(1).await(); // until SIGTERM runs the shutdown hook
    }
}
