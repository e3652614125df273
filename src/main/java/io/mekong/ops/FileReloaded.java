package io.mekong.ops;

/**
 * A declarative file the running hub reloaded ({@code applied}) or refused to ({@code reason} says why), published
 * as a Spring event so that the audit log records it with the actor {@code file}.
 *
 * @param kind {@code mapping} or {@code route}
 * @param file the file's name relative to its folder
 */
public record FileReloaded(String kind, String file, boolean applied, String reason) {
}
