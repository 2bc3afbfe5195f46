/** Finding, reading and parsing the OpenClaw gateway config ({@code openclaw.json}, JSON5), keeping each value's line and column. */
package dev.doctor.core.config;
