/**
 * What every integration reports about itself: whether it is enabled, and if not, why (usually the
 * setting that is missing). The application's health endpoint lists these. Depends on nothing else.
 */
package dev.warden.core.integration;
