package dev.nightshift.app.cli;

import dev.nightshift.core.job.TaskType;
import picocli.CommandLine;

/** Lets picocli report a bad {@code --task} with the valid values. */
public final class TaskTypeConverter implements CommandLine.ITypeConverter<TaskType> {
    @Override
    public TaskType convert(String value) {
        try {
            return TaskType.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
