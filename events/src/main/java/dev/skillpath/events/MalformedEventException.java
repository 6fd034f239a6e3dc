package dev.skillpath.events;

/** A message that is not a valid Skillpath CloudEvent; consumers send it to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
