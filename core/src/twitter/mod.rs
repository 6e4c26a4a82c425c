//! Length counting and entity extraction the way twitter-text does it.
