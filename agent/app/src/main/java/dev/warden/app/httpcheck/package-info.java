/** The application's {@code http.check} step executor and its allow-list configuration. */
package dev.warden.app.httpcheck;
