/** Test helpers for check plugins: a scripted {@link dev.doctor.api.CommandRunner} and a {@link dev.doctor.api.CheckContext} builder. */
package dev.doctor.testkit;
