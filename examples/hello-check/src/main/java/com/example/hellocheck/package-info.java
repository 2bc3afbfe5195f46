/** An example doctor plugin with one check, {@code hello-check}. */
package com.example.hellocheck;
