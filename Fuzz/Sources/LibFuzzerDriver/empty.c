/* The declaration in include/libfuzzer_driver.h is all this target provides. */
