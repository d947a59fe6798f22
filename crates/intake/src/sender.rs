//! Sending acknowledgements.
