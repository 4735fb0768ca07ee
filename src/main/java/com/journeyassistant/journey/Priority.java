package com.journeyassistant.journey;

public enum Priority {
    HIGH, MEDIUM, LOW
}
