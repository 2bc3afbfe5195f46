/** The user's waivers: findings accepted for a while, with a reason, that then do not fail the run. */
package dev.doctor.core.waiver;
