"""tcex.app"""
