package dev.nightshift.app;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Keeps every log line (message, key-value pairs and stack trace) written while it is attached, for searching. */
final class CapturingAppender extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private Level previousLevel;

    private CapturingAppender() {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
    }

    /** Attaches to every configured logger; nightshift's own loggers are opened to DEBUG while attached. */
    static CapturingAppender attach() {
        CapturingAppender appender = new CapturingAppender();
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig ours = config.getLoggerConfig("dev.nightshift");
        appender.previousLevel = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.addAppender(appender, Level.ALL, null);
        }
        context.updateLoggers();
        return appender;
    }

    @Override
    public synchronized void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
        line.append(' ').append(event.getContextData());
        Throwable t = event.getThrown();
        while (t != null) {
            line.append(" | ").append(t);
            t = t.getCause();
        }
        lines.add(line.toString());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getLoggerConfig("dev.nightshift").setLevel(previousLevel);
        config.getRootLogger().removeAppender(getName());
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(getName());
        }
        context.updateLoggers();
        stop();
    }
}
