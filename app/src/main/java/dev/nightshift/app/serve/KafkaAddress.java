package dev.nightshift.app.serve;

import dev.nightshift.app.cli.UserError;

/**
 * The Kafka bootstrap servers a command talks to, with where they came from, so that an error about them can say
 * which value to change: the {@code --bootstrap} flag, else the {@value #ENVIRONMENT} variable.
 */
record KafkaAddress(String servers, String source) {
    static final String FLAG = "--bootstrap";
    static final String ENVIRONMENT = "NIGHTSHIFT_KAFKA_BOOTSTRAP";

    /**
     * @param flag     the {@code --bootstrap} value, or {@code null}
     * @param fromEnv  the variable's value, or {@code null}
     * @param purpose  what the command needs Kafka for, for the message when neither is given ("submit to")
     */
    static KafkaAddress of(String flag, String fromEnv, String purpose) {
        if (flag != null && !flag.isBlank()) {
            return new KafkaAddress(flag.strip(), FLAG);
        }
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new KafkaAddress(fromEnv.strip(), ENVIRONMENT);
        }
        throw UserError.badInput("no Kafka to " + purpose + ": pass " + FLAG + " HOST:PORT or set " + ENVIRONMENT);
    }

    /** How to give another address, in the terms of where this one came from. */
    String howToChange() {
        return source.equals(FLAG)
                ? "pass another " + FLAG + " HOST:PORT"
                : "set " + ENVIRONMENT + " (or pass " + FLAG + " HOST:PORT)";
    }

    @Override
    public String toString() {
        return servers + " (from " + source + ")";
    }
}
