/** What a doctor plugin implements ({@link dev.doctor.api.Check}, {@link dev.doctor.api.Reporter}) and what it is given to work with. */
package dev.doctor.api;
