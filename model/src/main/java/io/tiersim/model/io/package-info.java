/**
 * Loading YAML and JSON input strictly, and reporting bad input as one clear {@link
 * io.tiersim.model.io.InputException} naming file, line and field.
 */
package io.tiersim.model.io;
