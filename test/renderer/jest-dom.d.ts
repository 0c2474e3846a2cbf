// Type the jest-dom matchers that test/setup-dom.ts installs (the setup file is outside the web tsconfig).
/// <reference types="@testing-library/jest-dom/vitest" />
