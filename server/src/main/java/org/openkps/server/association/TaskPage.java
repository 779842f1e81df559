package org.openkps.server.association;

import java.util.List;

/** A page of tasks and how many there are on all pages. */
public record TaskPage(List<Task> tasks, int total) {
}
