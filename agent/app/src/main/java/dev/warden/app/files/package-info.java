/** Helpers for the configuration files the application reads and reloads. */
package dev.warden.app.files;
